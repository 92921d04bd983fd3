# why: creates the generator first and seeds it with its manual_seed method in a separate statement
# %% shuffled_loader
def shuffled_loader(dataset: Dataset, batch_size: int, seed: int) -> DataLoader:
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, shuffle=True, batch_size=batch_size, drop_last=False, generator=g, num_workers=0)
