# mistake: hard-codes Normalize with three 0.5s, ignoring the given mean and std (and grey images' single channel)
# targets: test_eval_transform
# %% eval_transform
def eval_transform(size: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize(size), transforms.CenterCrop(size), transforms.ToTensor(),
                               transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])])
