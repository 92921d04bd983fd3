# why: a Dataset of its own over the tensors torchvision reads, normalized by hand instead of with transforms
# %% digits_dataset
class Digits(Dataset):
    def __init__(self, root: str, train: bool) -> None:
        raw = datasets.MNIST(root, train=train, download=False)
        self.images = ((raw.data.float() / 255 - MEAN) / STD).unsqueeze(1)
        self.labels = raw.targets.tolist()

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int):
        return self.images[index], self.labels[index]


def digits_dataset(root: str, train: bool) -> Dataset:
    return Digits(root, train)
