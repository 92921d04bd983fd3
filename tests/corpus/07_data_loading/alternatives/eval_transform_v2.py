# why: the same pipeline with torchvision.transforms.v2
# %% eval_transform
from torchvision.transforms import v2


def eval_transform(size: int, mean: list[float], std: list[float]):
    return v2.Compose([v2.Resize(size), v2.CenterCrop(size), v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
                       v2.Normalize(mean, std)])
