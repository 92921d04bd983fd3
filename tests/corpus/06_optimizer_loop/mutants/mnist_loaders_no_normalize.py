# mistake: forgets Normalize([0.5], [0.5]), so the images stay in 0..1
# targets: test_mnist_loaders
# %% mnist_loaders
def mnist_loaders(root: str, batch_size: int, seed: int) -> tuple[DataLoader, DataLoader]:
    transform = transforms.ToTensor()
    train_set = datasets.MNIST(root, train=True, transform=transform, download=False)
    test_set = datasets.MNIST(root, train=False, transform=transform, download=False)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed))
    return train_loader, DataLoader(test_set, batch_size=batch_size)
