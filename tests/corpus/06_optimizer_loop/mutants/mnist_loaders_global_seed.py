# mistake: seeds the global RNG instead of giving the training loader its own generator
# targets: test_mnist_loaders
# %% mnist_loaders
def mnist_loaders(root: str, batch_size: int, seed: int) -> tuple[DataLoader, DataLoader]:
    torch.manual_seed(seed)
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])
    train_set = datasets.MNIST(root, train=True, transform=transform, download=False)
    test_set = datasets.MNIST(root, train=False, transform=transform, download=False)
    return DataLoader(train_set, batch_size=batch_size, shuffle=True), DataLoader(test_set, batch_size=batch_size)
