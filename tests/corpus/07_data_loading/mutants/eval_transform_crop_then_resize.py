# mistake: center-crops the original image before resizing, so the crop covers a different part of the picture
# targets: test_eval_transform
# %% eval_transform
def eval_transform(size: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.CenterCrop(size), transforms.Resize(size),
                               transforms.ToTensor(), transforms.Normalize(mean, std)])
