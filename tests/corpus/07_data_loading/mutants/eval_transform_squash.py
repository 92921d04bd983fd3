# mistake: Resize((size, size)) squashes the image instead of scaling the shorter side and keeping the aspect ratio
# targets: test_eval_transform
# %% eval_transform
def eval_transform(size: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize((size, size)), transforms.CenterCrop(size),
                               transforms.ToTensor(), transforms.Normalize(mean, std)])
