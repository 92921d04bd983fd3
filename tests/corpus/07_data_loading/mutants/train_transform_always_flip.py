# mistake: RandomHorizontalFlip(p=1.0) mirrors every image, which is no augmentation at all
# targets: test_train_transform
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize(resize), transforms.RandomCrop(crop),
                               transforms.RandomHorizontalFlip(p=1.0), transforms.ToTensor(), transforms.Normalize(mean, std)])
