# why: seeds the global generator right before random_split (the seed's style); the split is still reproducible
# %% split_dataset
def split_dataset(dataset: Dataset, n_val: int, seed: int) -> tuple[Dataset, Dataset]:
    torch.manual_seed(seed)
    train, val = random_split(dataset, [len(dataset) - n_val, n_val])
    return train, val
