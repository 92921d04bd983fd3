# mistake: RandomResizedCrop rescales a random area instead of cropping a window of the resized image
# targets: test_train_transform
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.RandomResizedCrop(crop), transforms.RandomHorizontalFlip(),
                               transforms.ToTensor(), transforms.Normalize(mean, std)])
