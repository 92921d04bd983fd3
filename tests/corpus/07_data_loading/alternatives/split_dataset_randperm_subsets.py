# why: splits one seeded permutation into two Subsets (each part's indices sorted)
# %% split_dataset
def split_dataset(dataset: Dataset, n_val: int, seed: int) -> tuple[Dataset, Dataset]:
    order = torch.randperm(len(dataset), generator=torch.Generator().manual_seed(seed)).tolist()
    val_idx, train_idx = sorted(order[:n_val]), sorted(order[n_val:])
    return Subset(dataset, train_idx), Subset(dataset, val_idx)
