# why: the same preprocessing with torchvision.transforms.v2 (ToImage, ToDtype with scaling, Normalize)
# %% mnist_loaders
from torchvision.transforms import v2


def mnist_loaders(root: str, batch_size: int, seed: int) -> tuple[DataLoader, DataLoader]:
    tf = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize([0.5], [0.5])])
    train = datasets.MNIST(root, train=True, download=False, transform=tf)
    test = datasets.MNIST(root, train=False, download=False, transform=tf)
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(train, batch_size, shuffle=True, generator=g), DataLoader(test, batch_size, shuffle=False)
