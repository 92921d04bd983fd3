# mistake: forgets Normalize, so mean and std are ignored
# targets: test_eval_transform
# %% eval_transform
def eval_transform(size: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize(size), transforms.CenterCrop(size), transforms.ToTensor()])
