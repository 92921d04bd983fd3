# mistake: draws one permutation up front and uses it as the sampler, so every epoch has the same order
# targets: test_shuffled_loader
# %% shuffled_loader
def shuffled_loader(dataset: Dataset, batch_size: int, seed: int) -> DataLoader:
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(dataset), generator=generator).tolist()
    return DataLoader(dataset, batch_size=batch_size, sampler=order)
