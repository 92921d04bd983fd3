# why: flips before resizing and crops the tensor after ToTensor; crops and flips commute with ToTensor and Normalize
# %% train_transform
def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.RandomHorizontalFlip(0.5), transforms.Resize(resize), transforms.ToTensor(),
                               transforms.Normalize(mean, std), transforms.RandomCrop(crop)])
