# why: torchvision.transforms.v2: ToImage then ToDtype(float32, scale=True) is the newer spelling of ToTensor
# %% load_image_folder
from torchvision.transforms import v2


def load_image_folder(root: str) -> ImageFolder:
    return ImageFolder(root=root, transform=v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)]))
