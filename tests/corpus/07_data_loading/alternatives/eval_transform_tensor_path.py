# why: converts to a tensor first and resizes and crops the tensor (antialiased bilinear), then normalizes
# %% eval_transform
def eval_transform(size: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.ToTensor(), transforms.Resize(size, antialias=True),
                               transforms.CenterCrop(size), transforms.Normalize(mean, std)])
