# why: the same augmentation with torchvision.transforms.v2 (returns tv_tensors.Image, a tensor subclass)
# %% train_transform
from torchvision.transforms import v2


def train_transform(resize: int, crop: int, mean: list[float], std: list[float]):
    return v2.Compose([v2.Resize(resize), v2.RandomCrop(crop), v2.RandomHorizontalFlip(p=0.5), v2.ToImage(),
                       v2.ToDtype(torch.float32, scale=True), v2.Normalize(mean, std)])
