# mistake: draws a separate permutation for each part, so train and val overlap and miss samples
# targets: test_split_dataset
# %% split_dataset
def split_dataset(dataset: Dataset, n_val: int, seed: int) -> tuple[Dataset, Dataset]:
    generator = torch.Generator().manual_seed(seed)
    n = len(dataset)
    train = Subset(dataset, torch.randperm(n, generator=generator)[: n - n_val].tolist())
    val = Subset(dataset, torch.randperm(n, generator=generator)[:n_val].tolist())
    return train, val
