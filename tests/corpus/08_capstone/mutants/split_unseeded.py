# mistake: random_split without a generator: the split follows the global random state, not the seed
# targets: test_split_train_val
# %% split_train_val
def split_train_val(dataset: Dataset, val_size: int, seed: int) -> tuple[Dataset, Dataset]:
    train_subset, val_subset = random_split(dataset, [len(dataset) - val_size, val_size])
    return train_subset, val_subset
