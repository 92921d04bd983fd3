# why: transforms.Lambda with the formula instead of Normalize, and lists instead of tuples
# %% digits_dataset
def digits_dataset(root: str, train: bool) -> Dataset:
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Lambda(lambda x: (x - MEAN) / STD)])
    return datasets.MNIST(root=root, train=train, transform=pipeline, download=False)
