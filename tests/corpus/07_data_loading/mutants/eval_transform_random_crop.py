# mistake: uses RandomCrop at test time, so the crop is not the centre and changes between calls
# targets: test_eval_transform
# %% eval_transform
def eval_transform(size: int, mean: list[float], std: list[float]):
    return transforms.Compose([transforms.Resize(size), transforms.RandomCrop(size), transforms.ToTensor(),
                               transforms.Normalize(mean, std)])
