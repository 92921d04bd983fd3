# mistake: cuts the dataset into its first and last samples without shuffling
# targets: test_split_dataset
# %% split_dataset
def split_dataset(dataset: Dataset, n_val: int, seed: int) -> tuple[Dataset, Dataset]:
    n_train = len(dataset) - n_val
    return Subset(dataset, list(range(n_train))), Subset(dataset, list(range(n_train, len(dataset))))
