# mistake: passes ToTensor as target_transform, so the images stay PIL and the labels are converted instead
# targets: test_load_image_folder
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    return ImageFolder(root, target_transform=transforms.ToTensor())
