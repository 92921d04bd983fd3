# why: normalizes first and then resizes, crops and flips the tensor (Resize on tensors antialiases like PIL)
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.ToTensor(), transforms.Normalize(mean, std), transforms.Resize(resize),
                               transforms.RandomCrop(crop), transforms.RandomHorizontalFlip()])
