# mistake: CenterCrop instead of RandomCrop, so the crop is always the middle window
# targets: test_train_transform
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize(resize), transforms.CenterCrop(crop), transforms.RandomHorizontalFlip(),
                               transforms.ToTensor(), transforms.Normalize(mean, std)])
