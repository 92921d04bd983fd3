# mistake: gives random_split the lengths in the order (val, train) but returns the parts as (train, val)
# targets: test_split_dataset
# %% split_dataset
def split_dataset(dataset: Dataset, n_val: int, seed: int) -> tuple[Dataset, Dataset]:
    train, val = random_split(dataset, [n_val, len(dataset) - n_val], generator=torch.Generator().manual_seed(seed))
    return train, val
