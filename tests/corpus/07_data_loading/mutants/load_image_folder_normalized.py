# mistake: adds Normalize(0.5, 0.5), so the values lie in -1..1 instead of ToTensor's 0..1
# targets: test_load_image_folder
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    return ImageFolder(root, transform=transforms.Compose([
        transforms.ToTensor(), transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]))
