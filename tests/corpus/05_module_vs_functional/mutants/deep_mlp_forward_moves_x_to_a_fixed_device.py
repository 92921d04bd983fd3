# mistake: forward moves x to a fixed device as in the tutorial's training script (cuda if available, else cpu) instead of leaving it on the model's device
# targets: test_deep_mlp
# %% deep_mlp
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class DeepMLP(nn.Module):
    def __init__(self, sizes: list[int], p: float) -> None:
        super().__init__()
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers += [nn.ReLU(), nn.Dropout(p)]
        self.layers = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x.to(DEVICE))
