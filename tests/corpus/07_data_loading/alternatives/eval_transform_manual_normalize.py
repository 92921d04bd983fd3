# why: writes the normalization by hand as a function applied after ToTensor
# %% eval_transform
def eval_transform(size: int, mean: list[float], std: list[float]):
    m = torch.tensor(mean).view(-1, 1, 1)
    s = torch.tensor(std).view(-1, 1, 1)
    resize, crop, to_tensor = transforms.Resize(size), transforms.CenterCrop(size), transforms.ToTensor()

    def apply(image):
        return (to_tensor(crop(resize(image))) - m) / s

    return apply
