# mistake: passes a seeded generator but forgets shuffle=True, so nothing is shuffled
# targets: test_shuffled_loader
# %% shuffled_loader
def shuffled_loader(dataset: Dataset, batch_size: int, seed: int) -> DataLoader:
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, generator=generator)
