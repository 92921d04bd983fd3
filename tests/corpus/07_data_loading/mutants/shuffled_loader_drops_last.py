# mistake: drops the last incomplete batch, so some samples are never read in an epoch
# targets: test_shuffled_loader
# %% shuffled_loader
def shuffled_loader(dataset: Dataset, batch_size: int, seed: int) -> DataLoader:
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True, generator=generator)
