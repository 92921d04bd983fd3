# mistake: permutes the tensor to (H, W, C), the NumPy/PIL layout, instead of PyTorch's (C, H, W)
# targets: test_load_image_folder
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    return ImageFolder(root, transform=transforms.Compose([
        transforms.ToTensor(), transforms.Lambda(lambda t: t.permute(1, 2, 0))]))
