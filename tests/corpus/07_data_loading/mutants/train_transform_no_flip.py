# mistake: forgets RandomHorizontalFlip
# targets: test_train_transform
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize(resize), transforms.RandomCrop(crop),
                               transforms.ToTensor(), transforms.Normalize(mean, std)])
