# mistake: calls random_split without a generator, so the seed has no effect
# targets: test_split_dataset
# %% split_dataset
def split_dataset(dataset: Dataset, n_val: int, seed: int) -> tuple[Dataset, Dataset]:
    train, val = random_split(dataset, [len(dataset) - n_val, n_val])
    return train, val
