# mistake: PILToTensor keeps uint8 values 0..255 instead of float32 in 0..1
# targets: test_load_image_folder
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    return ImageFolder(root, transform=transforms.PILToTensor())
