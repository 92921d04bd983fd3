# mistake: resizes every image to 32 x 32, so the tensors no longer have the files' own sizes and pixels
# targets: test_load_image_folder
# %% load_image_folder
def load_image_folder(root: str) -> ImageFolder:
    return ImageFolder(root, transform=transforms.Compose([transforms.Resize((32, 32)), transforms.ToTensor()]))
