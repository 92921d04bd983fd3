# mistake: stops at ToTensor, so the images stay in 0..1
# targets: test_digits_dataset
# %% digits_dataset
def digits_dataset(root: str, train: bool) -> Dataset:
    return datasets.MNIST(root, train=train, download=False, transform=transforms.ToTensor())
