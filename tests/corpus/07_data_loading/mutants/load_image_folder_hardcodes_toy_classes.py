# mistake: hard-codes the toy tree's classes (red, green, blue) instead of ImageFolder's sorted folder names
# targets: test_load_image_folder
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    dataset = ImageFolder(root, transform=transforms.ToTensor())
    dataset.classes = ["red", "green", "blue"]
    dataset.class_to_idx = {name: i for i, name in enumerate(dataset.classes)}
    return dataset
