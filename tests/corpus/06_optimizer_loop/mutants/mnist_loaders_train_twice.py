# mistake: reads the training set for the test loader too (train=True twice)
# targets: test_mnist_loaders
# %% mnist_loaders
def mnist_loaders(root: str, batch_size: int, seed: int) -> tuple[DataLoader, DataLoader]:
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])
    train_set = datasets.MNIST(root, train=True, transform=transform, download=False)
    test_set = datasets.MNIST(root, transform=transform, download=False)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed))
    return train_loader, DataLoader(test_set, batch_size=batch_size)
