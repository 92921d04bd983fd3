# mistake: no transform, so the samples are PIL images, not tensors
# targets: test_load_image_folder
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    return ImageFolder(root)
