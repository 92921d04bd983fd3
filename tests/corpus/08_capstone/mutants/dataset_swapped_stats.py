# mistake: passes the standard deviation as the mean and the mean as the standard deviation
# targets: test_digits_dataset
# %% digits_dataset
def digits_dataset(root: str, train: bool) -> Dataset:
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((STD,), (MEAN,))])
    return datasets.MNIST(root, train=train, download=False, transform=transform)
