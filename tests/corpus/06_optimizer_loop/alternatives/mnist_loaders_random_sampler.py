# why: gives the training loader a RandomSampler that owns the seeded generator
# %% mnist_loaders
from torch.utils.data import RandomSampler


def mnist_loaders(root: str, batch_size: int, seed: int) -> tuple[DataLoader, DataLoader]:
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    train = datasets.MNIST(root=root, train=True, download=False, transform=tf)
    test = datasets.MNIST(root=root, train=False, download=False, transform=tf)
    sampler = RandomSampler(train, generator=torch.Generator().manual_seed(seed))
    return DataLoader(train, batch_size=batch_size, sampler=sampler), DataLoader(test, batch_size=batch_size)
