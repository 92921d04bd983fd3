# mistake: draws the two subsets from two separate permutations, so they overlap
# targets: test_split_train_val
# %% split_train_val
def split_train_val(dataset: Dataset, val_size: int, seed: int) -> tuple[Dataset, Dataset]:
    generator = torch.Generator().manual_seed(seed)
    train_order = torch.randperm(len(dataset), generator=generator)
    val_order = torch.randperm(len(dataset), generator=generator)
    return Subset(dataset, train_order[:len(dataset) - val_size].tolist()), Subset(dataset, val_order[:val_size].tolist())
