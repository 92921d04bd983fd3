# mistake: forgets Resize, so the random crop is taken from the full-size original
# targets: test_train_transform
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.RandomCrop(crop), transforms.RandomHorizontalFlip(),
                               transforms.ToTensor(), transforms.Normalize(mean, std)])
