# mistake: takes the last val_size samples as the validation set without shuffling
# targets: test_split_train_val
# %% split_train_val
def split_train_val(dataset: Dataset, val_size: int, seed: int) -> tuple[Dataset, Dataset]:
    cut = len(dataset) - val_size
    return Subset(dataset, list(range(cut))), Subset(dataset, list(range(cut, len(dataset))))
