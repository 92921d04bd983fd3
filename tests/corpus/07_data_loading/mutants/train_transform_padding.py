# mistake: RandomCrop with padding lets the window slide over a border of zeros
# targets: test_train_transform
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize(resize), transforms.RandomCrop(crop, padding=4),
                               transforms.RandomHorizontalFlip(), transforms.ToTensor(), transforms.Normalize(mean, std)])
