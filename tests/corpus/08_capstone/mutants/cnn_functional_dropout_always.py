# mistake: F.dropout without training=self.training keeps dropping in eval mode
# targets: test_digits_cnn
# %% digits_cnn
class DigitsCNN(nn.Module):
    def __init__(self, dropout: float = 0.25) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, kernel_size=3, padding=1)
        self.head = nn.Linear(16 * 7 * 7, 10)
        self.p = dropout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.head(F.dropout(torch.flatten(x, 1), self.p))
