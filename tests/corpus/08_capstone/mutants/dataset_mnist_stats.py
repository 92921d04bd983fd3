# mistake: normalizes with the statistics usually quoted for MNIST instead of these digits' MEAN and STD
# targets: test_digits_dataset
# %% digits_dataset
def digits_dataset(root: str, train: bool) -> Dataset:
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(root, train=train, download=False, transform=transform)
