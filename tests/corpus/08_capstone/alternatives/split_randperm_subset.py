# why: one seeded permutation cut in two by hand, validation part first
# %% split_train_val
def split_train_val(dataset: Dataset, val_size: int, seed: int) -> tuple[Dataset, Dataset]:
    order = torch.randperm(len(dataset), generator=torch.Generator().manual_seed(seed)).tolist()
    return Subset(dataset, order[val_size:]), Subset(dataset, order[:val_size])
