# mistake: keeps a debugging limit (the first 8 indices, through Subset), so the dataset's length is wrong
# targets: test_load_image_folder
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    dataset = ImageFolder(root, transform=transforms.ToTensor())
    subset = Subset(dataset, range(8))
    subset.classes, subset.class_to_idx = dataset.classes, dataset.class_to_idx
    return subset
