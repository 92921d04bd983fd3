# mistake: ignores the train argument and always reads the training set
# targets: test_digits_dataset
# %% digits_dataset
def digits_dataset(root: str, train: bool) -> Dataset:
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((MEAN,), (STD,))])
    return datasets.MNIST(root, train=True, download=False, transform=transform)
