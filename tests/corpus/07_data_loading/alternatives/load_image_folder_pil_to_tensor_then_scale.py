# why: PILToTensor followed by ConvertImageDtype(float32), which scales 0..255 to 0..1
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    return ImageFolder(root, transform=transforms.Compose([transforms.PILToTensor(), transforms.ConvertImageDtype(torch.float32)]))
