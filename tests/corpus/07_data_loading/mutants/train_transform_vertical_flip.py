# mistake: RandomVerticalFlip flips upside down instead of left-right
# targets: test_train_transform
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize(resize), transforms.RandomCrop(crop), transforms.RandomVerticalFlip(),
                               transforms.ToTensor(), transforms.Normalize(mean, std)])
